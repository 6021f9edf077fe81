/**
 * Node options the API server is started with (`npm start -w server`, the Dockerfile and
 * scripts/lib/stack.ts, which the demo, the browser tests and the benchmark use; keep them in step).
 *
 * Every request allocates short-lived objects (bodies, vectors, responses); with V8's default young
 * generation a busy scorer API spent about a tenth of its CPU in scavenges. A 64 MB semi-space makes them
 * rarer: /predict went from about 9,200 to 10,400 requests/s in one process on the benchmark machine. It
 * must be given at start: set from inside the process it had no measurable effect. Processes started by
 * API_WORKERS inherit it.
 */
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=64"];
