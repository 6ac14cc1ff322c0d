/** MCP client: connects configured servers and exposes their tools as ToolSpecs. */
export { createMcpManager, type McpManager, type McpManagerOptions } from './manager.js';
export { DEFAULT_LIMITS, DEFAULT_TIMEOUT_S, type McpEvent, type McpLimits, type McpServerConfig, type McpServerState, type McpServerStatus, type McpToolInfo } from './types.js';
export { mapToolNames, sanitizeName, isToolAllowed, TOOL_NAME_RE } from './tool-names.js';
export { trimSchema, cutText } from './schema-trim.js';
export { shapeCallResult, cutToTokens, type McpCallResult, type ResultShaping } from './call-result.js';
export { childEnv, INHERITED_ENV } from './stdio-transport.js';
export { mcpLogPath } from './server-connection.js';
