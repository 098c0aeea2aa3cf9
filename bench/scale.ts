// stub
export async function runScaleBench(..._args: unknown[]): Promise<string> { throw new Error('not yet'); }
