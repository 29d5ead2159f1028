import { randomBytes } from 'node:crypto';

/** The JSON body of an injected response, typed by the caller. */
export function json<T = Record<string, unknown>>(response: { json(): unknown }): T {
  return response.json() as T;
}

/** A multipart/form-data body: text fields and files, as a browser or a phone sends them. */
export function multipart(
  fields: Record<string, string>,
  files: { name?: string; filename: string; contentType: string; content: Buffer }[],
): { payload: Buffer; headers: { 'content-type': string } } {
  const boundary = `----test${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  for (const file of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.name ?? 'file'}"; filename="${file.filename}"\r\nContent-Type: ${file.contentType}\r\n\r\n`,
      ),
      file.content,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
