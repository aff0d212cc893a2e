// Metering: usage events from the request path to the database, and analytics over them.
export { type UsageQuery, type UsageReport, usageReport, usageReportView } from './analytics.js';
export { registerSelfUsageRoute, type SelfUsageDeps } from './self-usage-route.js';
export { registerUsageAdminRoutes } from './usage-admin-routes.js';
export {
  parseUsageEvent,
  serializeUsageEvent,
  type UsageCharge,
  type UsageEvent,
  type UsageRow,
} from './usage-event.js';
export { UsageWriter, type UsageWriterOptions } from './usage-writer.js';
