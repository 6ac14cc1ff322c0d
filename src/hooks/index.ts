export { detectChecks, type Check, type HooksSetting } from './detect.js';
export { shapeCheckOutput, type ShapeInput } from './shape.js';
export { createCheckRunner, type ExecFn, type CheckRunnerOptions } from './runner.js';
