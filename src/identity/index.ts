/** What the other modules may use of identity; its other files are its own (.dependency-cruiser.cjs holds them to this). */
export { Authenticator } from './authentication/authenticator.js';
export { CredentialResolvers } from './authentication/credential-resolvers.js';
export { CredentialsModule } from './authentication/credentials.module.js';
export { IdentityModule } from './identity.module.js';
