import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { MongooseModule } from '@nestjs/mongoose';

import type { AppConfigNamespace } from '../config/app.config.js';

/** One MongoDB connection; each domain module registers and owns its own schemas with forFeature. */
@Module({
  imports: [
    MongooseModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfigNamespace, true>) => ({
        uri: config.getOrThrow('app', { infer: true }).mongodbUri,
        serverSelectionTimeoutMS: 10000,
      }),
    }),
  ],
})
export class DatabaseModule {}
