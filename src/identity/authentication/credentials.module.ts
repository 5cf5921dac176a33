import { Module } from '@nestjs/common';

import { CredentialResolvers } from './credential-resolvers.js';

/**
 * The registry of credential kinds, on its own so that a module above identity (retraining, for its job
 * tokens) can register one in any process without loading the API's guard and key endpoints.
 */
@Module({
  providers: [CredentialResolvers],
  exports: [CredentialResolvers],
})
export class CredentialsModule {}
