// Finds the Temporal CLI: TEMPORAL_CLI_PATH → PATH → $(go env GOPATH)/bin → `go install …@v1.5.1` → undefined (SDK download).
import { resolveGoTool } from './go-tool.ts';

export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

export interface ResolveOptions {
  log?: (line: string) => void;
  /** Build with `go install` when nothing is found (default true). */
  build?: boolean;
}

/** Returns the path of a usable `temporal` binary, building it with Go if needed; undefined when neither works. */
export async function resolveTemporalCli(opts: ResolveOptions = {}): Promise<string | undefined> {
  return resolveGoTool({ envVar: 'TEMPORAL_CLI_PATH', pathNames: ['temporal'], goBinName: 'temporal', module: TEMPORAL_CLI_MODULE }, opts);
}
