// The audit log of admin actions: append-only, secrets removed.
export { type AuditFilter, AuditLog, type AuditPage, type AuditRecord } from './audit-log.js';
export { registerAuditRoutes } from './audit-routes.js';
export { isSecretField, redact } from './redact.js';
