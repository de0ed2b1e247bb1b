/**
 * One GraphiQL view as a browser makes it (`Accept: text/html`, `Accept-Encoding: br`): the page at
 * `pageUrl`, then every asset it names, bodies read to the end. Resolves with the bytes read (decoded).
 * The bench opens GraphiQL this way before measuring; the memory scripts measure around it.
 */
export async function viewGraphiql(pageUrl: string): Promise<number> {
  const headers = { accept: 'text/html', 'accept-encoding': 'br' };
  const html = await (await fetch(pageUrl, { headers })).text();
  let bytes = html.length;
  for (const [path] of html.matchAll(/\/graphiql\/assets\/[\w.-]+/g)) {
    bytes += (await (await fetch(new URL(path, pageUrl), { headers })).arrayBuffer()).byteLength;
  }
  return bytes;
}
