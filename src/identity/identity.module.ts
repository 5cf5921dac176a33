import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { MongooseModule } from '@nestjs/mongoose';

import { AuditModule } from '../audit/index.js';
import { ApiKeyDocument, ApiKeySchema } from './api-keys/api-key.schema.js';
import { ApiKeysController } from './api-keys/api-keys.controller.js';
import { ApiKeysRepository } from './api-keys/api-keys.repository.js';
import { ApiKeysService } from './api-keys/api-keys.service.js';
import { BootstrapAdminKey } from './api-keys/bootstrap-admin-key.js';
import { AccessGuard } from './authentication/access.guard.js';
import { Authenticator } from './authentication/authenticator.js';
import { CredentialsModule } from './authentication/credentials.module.js';
import { OidcVerifier } from './authentication/oidc-verifier.js';
import { identityConfig } from './identity.config.js';
import { IdentityController } from './identity.controller.js';

/**
 * Who calls: OIDC access tokens of people, API keys of services and people, and job tokens that the
 * retraining module registers. Below the domains; it knows none of them. The API process imports it, which
 * installs the access guard on every route.
 */
@Module({
  imports: [AuditModule, ConfigModule.forFeature(identityConfig), CredentialsModule, MongooseModule.forFeature([{ name: ApiKeyDocument.name, schema: ApiKeySchema }])],
  controllers: [ApiKeysController, IdentityController],
  providers: [
    AccessGuard,
    ApiKeysRepository,
    ApiKeysService,
    Authenticator,
    BootstrapAdminKey,
    OidcVerifier,
    { provide: APP_GUARD, useExisting: AccessGuard },
  ],
  exports: [Authenticator],
})
export class IdentityModule {}
