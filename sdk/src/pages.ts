// Cursor pagination: every list answers `{data, next_cursor}`; follow `next_cursor` until it is null.
export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

export async function* paginate<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    yield* page.data;
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
}
