import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import type { AppConfigNamespace } from '../config/app.config.js';
import { redisOptionsFromUrl } from './redis-connection.js';

/** The BullMQ connection shared by every queue of the API and the worker. */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfigNamespace, true>) => {
        const app = config.getOrThrow('app', { infer: true });
        // BullMQ requires maxRetriesPerRequest null on blocking worker connections.
        return { connection: { ...redisOptionsFromUrl(app.redisUrl), maxRetriesPerRequest: null }, prefix: app.queuePrefix };
      },
    }),
  ],
  exports: [BullModule],
})
export class QueueModule {}
