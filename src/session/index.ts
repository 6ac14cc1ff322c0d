/** Sessions (log, resume, rollback) and undo snapshots. */
export { createSession, resumeSession, loadSession, listSessions, sessionsDir, type SessionLog, type SessionOpenOptions, type SessionInfo } from './session-log.js';
export { applyRecord, parseRecord, emptyState, type SessionRecord, type SessionState, type Turn, type RunSummary } from './records.js';
export { resumeContext } from './resume-context.js';
export { createSnapshotStore, restoreOpenGroup, snapshotsDir, hashContent, type SnapshotStore, type SnapshotManifest, type ManifestEntry, type ContentHash } from './snapshots.js';
export { undoLast, listGroups, type UndoReport, type UndoSkipReason } from './undo.js';
