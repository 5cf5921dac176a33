import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Queue } from 'bullmq';
import type { Application } from 'express';

import { Authenticator } from '../identity/index.js';
import { adminOnly } from './admin-only.middleware.js';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';
export const DASHBOARD_QUEUES = Symbol('DASHBOARD_QUEUES');

/**
 * Bull Board for every queue of the platform at /admin/queues, for admins only (it shows job payloads and can
 * pause queues). Mounted on the Express instance itself, outside the /api/v1 prefix: it is an operator's page,
 * not part of the API. Send the admin credential as `Authorization: Bearer …` (a header-setting browser
 * extension or a proxy that adds it).
 */
@Injectable()
export class QueueDashboard implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly authenticator: Authenticator,
    @Inject(DASHBOARD_QUEUES) private readonly queues: Queue[],
  ) {}

  onModuleInit(): void {
    const http = this.adapterHost.httpAdapter;
    if (!http) return;
    const serverAdapter = new ExpressAdapter();
    serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({ queues: this.queues.map((queue) => new BullMQAdapter(queue)), serverAdapter });
    const router = serverAdapter.getRouter() as Application;
    // Bull Board's own Express app would announce itself; the platform's never does.
    router.disable('x-powered-by');
    http.use(QUEUE_DASHBOARD_PATH, adminOnly(this.authenticator), router);
  }
}

export function dashboardQueuesProvider(names: string[]) {
  return { provide: DASHBOARD_QUEUES, inject: names.map((name) => getQueueToken(name)), useFactory: (...queues: Queue[]) => queues };
}
