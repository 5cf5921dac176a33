/** What the other modules may use of audit; its other files are its own (.dependency-cruiser.cjs holds them to this). */
export { pendingAudit, type AuditEntry, type PendingAudit } from './audit-entry.js';
export { AuditModule } from './audit.module.js';
export { AuditService, PROMPT_TEMPLATE_RESOURCE } from './audit.service.js';
export { AuditedRepository, withAudit } from './audited.repository.js';
export { ChainVerifier } from './chain-verifier.js';
export { AuditEntryPageResponseDto, AuditEntryResponseDto } from './dto/audit-entry.response.dto.js';
export { AuditVerificationResponseDto } from './dto/audit-verification.response.dto.js';
