// The machine-facing helpers of the workspace's own commands (tests, benchmarks), in one package both depend on.

export { type ManifestChunk, readManifest, type ScriptSize, scriptSize, type ViteManifest } from './bundle-size';
export {
  CHROMIUM_FLAGS,
  type ChromiumMachine,
  ChromiumNotFoundError,
  findChromium,
  NO_CHROMIUM_MESSAGE,
  thisMachine,
} from './chromium';
