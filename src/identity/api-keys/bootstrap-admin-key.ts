import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

import type { IdentityConfigNamespace } from '../identity.config.js';
import { ApiKeysService } from './api-keys.service.js';

/** BOOTSTRAP_ADMIN_KEY: the first admin key of a deployment that has none; there is no other default credential. */
@Injectable()
export class BootstrapAdminKey implements OnApplicationBootstrap {
  private readonly logger = new Logger(BootstrapAdminKey.name);
  private readonly secret: string | null;

  constructor(
    private readonly keys: ApiKeysService,
    config: ConfigService<IdentityConfigNamespace, true>,
  ) {
    this.secret = config.getOrThrow('identity', { infer: true }).bootstrapAdminKey;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.secret) return;
    if ((await this.keys.bootstrap(this.secret)) === 'created') {
      this.logger.log('Made the bootstrap admin key from BOOTSTRAP_ADMIN_KEY; mint named keys with it, then revoke it');
    }
  }
}
