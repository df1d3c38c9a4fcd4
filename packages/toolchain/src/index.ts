// The machine-facing helpers of the workspace's own commands (tests, benchmarks), in one package both depend on.
export {
  CHROMIUM_FLAGS,
  type ChromiumMachine,
  ChromiumNotFoundError,
  findChromium,
  NO_CHROMIUM_MESSAGE,
  thisMachine,
} from './chromium';
