import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';

import { appConfig, validateEnvironment } from './app.config.js';

/** Global configuration: domain modules register their own namespaces with `ConfigModule.forFeature`. */
@Module({
  imports: [
    ConfigModule.forRoot({ cache: true, ignoreEnvFile: true, isGlobal: true, load: [appConfig], validate: validateEnvironment }),
  ],
})
export class PlatformConfigModule {}
