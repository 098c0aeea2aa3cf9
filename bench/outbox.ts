// stub
export async function runOutboxBench(..._args: unknown[]): Promise<string> { throw new Error('not yet'); }
