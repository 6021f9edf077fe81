import { randomInt } from "node:crypto";
import http from "node:http";

const handedOut = new Set<string>();

/**
 * A loopback address of its own (127.x.y.z, all of which reach a server listening on 127.0.0.1) for a test
 * client: limits counted per client address count it apart from every other test of the run.
 */
export function loopbackAddress(): string {
  for (;;) {
    const address = `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
    if (handedOut.has(address)) continue;
    handedOut.add(address);
    return address;
  }
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  json: { error?: { code: string; message: string } } & Record<string, unknown>;
}

/** A JSON POST over a connection made from `localAddress`: the server sees that address as the peer. */
export function postFrom(
  localAddress: string,
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: "POST",
        agent: false,
        localAddress,
        headers: { "content-type": "application/json", ...headers },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => {
          text += chunk;
        });
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, json: text ? JSON.parse(text) : {} }),
        );
      },
    );
    req.on("error", reject);
    req.end(JSON.stringify(body));
  });
}
