// stub
export async function runApiBench(..._args: unknown[]): Promise<string> { throw new Error('not yet'); }
