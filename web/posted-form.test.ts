/** A posted form's files reach the page as the bytes sent (web/http.ts), whichever way the body came. */
import { describe, expect, it } from 'vitest';
import { postedForm, type WebRequest } from '#web/http';

const request = (body: WebRequest['body'], contentType: string): WebRequest => ({
  method: 'POST',
  path: '/app/schools/import',
  query: new URLSearchParams(),
  headers: { 'content-type': contentType },
  ...(body !== undefined ? { body } : {}),
});

async function multipart(form: FormData): Promise<{ bytes: Uint8Array; type: string }> {
  const res = new Response(form);
  return { bytes: new Uint8Array(await res.arrayBuffer()), type: res.headers.get('content-type')! };
}

describe('postedForm', () => {
  it('keeps a file\'s bytes untouched (a Windows-1252 "à" is 0xE0, never decoded here), apart from the text fields', async () => {
    // Prepare
    const form = new FormData();
    form.append('csrfToken', 't0k3n');
    form.append('partial', 'yes');
    const register = new Uint8Array([
      ...Buffer.from('URN,EstablishmentName\r\n200101,St Thomas '),
      0xe0,
      ...Buffer.from(' Becket\r\n'),
    ]);
    form.append('register', new Blob([register]), 'edubase-331.csv');
    form.append('register', new Blob([new Uint8Array([0x41])]), 'second.csv');
    form.append('contacts', new Blob([]), '');
    const { bytes, type } = await multipart(form);
    // Act: as the local server hands it over (bytes), and as API Gateway's base64 body is decoded (bytes)
    const read = await postedForm(request(bytes, type));
    // Assess
    expect(read.form.get('csrfToken')).toBe('t0k3n');
    expect(read.form.get('partial')).toBe('yes');
    expect(read.form.has('register')).toBe(false);
    expect(read.files.get('register')!.map((f) => f.name)).toEqual(['edubase-331.csv', 'second.csv']);
    expect([...read.files.get('register')![0]!.bytes]).toEqual([...register]);
    expect(read.files.has('contacts')).toBe(false); // a file input left empty is no file
  });

  it('reads a urlencoded form given as text or as bytes, and an unreadable multipart body as an empty form', async () => {
    expect((await postedForm(request('a=1&b=%C3%A9', 'application/x-www-form-urlencoded'))).form.get('b')).toBe('é');
    expect(
      (
        await postedForm(request(new Uint8Array(Buffer.from('a=1&b=%C3%A9')), 'application/x-www-form-urlencoded'))
      ).form.get('b'),
    ).toBe('é');
    const broken = await postedForm(
      request(new Uint8Array(Buffer.from('not multipart')), 'multipart/form-data; boundary=x'),
    );
    expect([...broken.form]).toEqual([]);
    expect(broken.files.size).toBe(0);
  });
});
