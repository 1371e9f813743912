import type { AuditList } from '../../../shared/console';
import { useLoad } from '../api';
import { AuditLog } from './AuditLog';

/** The audit log's data (#/audit), newest first. Route: src/server/routes/console/audit-log.ts. */
export function AuditLogWithData() {
  const [data] = useLoad<AuditList>('/audit');
  return <AuditLog entries={data?.entries} />;
}
