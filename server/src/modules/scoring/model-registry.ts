import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import ort from "onnxruntime-node";
import { AppError, ErrorCode } from "../../core/errors/app-error.js";
import { type ModelCard, modelCardSchema } from "./model-card.js";

export const MODEL_FILE = "model.onnx";
export const CARD_FILE = "model-card.json";

export type ModelStatus =
  | {
      state: "loaded";
      version: string;
      algorithm: string;
      features: number;
      /** The feature catalogue version the model was trained on (1 for a card from before versions). */
      featureVersion: number;
      loadedAt: string;
      /** Why the latest reload failed, while the previous model kept serving. */
      reloadError?: string;
    }
  | { state: "missing" | "error"; error: string };

/**
 * Scoring refused for want of a model. The caller learns the state, not the model folder or the loader's
 * message (paths stay in /health/details, for administrators).
 */
export function scoringUnavailable(status: ModelStatus): AppError {
  const state = status.state === "loaded" ? "loaded" : status.state;
  return new AppError(
    ErrorCode.SERVICE_UNAVAILABLE,
    `Scoring is unavailable: no model is loaded (${state}). An administrator sees why at GET /health/details; \`npm run ml:train\` trains one`,
  );
}

interface LoadedModel {
  card: ModelCard;
  /** For big batches (rescoring, batch scoring): onnxruntime's default thread pool. */
  session: ort.InferenceSession;
  /** For the shared runs of single requests, on the calling thread only (see SINGLE_THREAD). */
  sharedSession: ort.InferenceSession;
  /** Runs in progress: a replaced model's session is released only when its last run has finished. */
  inFlight: number;
  retired: boolean;
}

function releaseIfIdle(model: LoadedModel) {
  if (model.retired && model.inFlight === 0) {
    void model.session.release().catch(() => {});
    void model.sharedSession.release().catch(() => {});
  }
}

// A run of a few rows is over in microseconds, less than it takes to hand work to a pool thread. Under load
// the pool thread competes with the server's own thread for the cores, and a run then waits for a thread
// that is not scheduled: with the default pool, /predict spent about 180 us per shared run of 12 rows, and
// the pool thread spun on a fifth of a core.
const SINGLE_THREAD: ort.InferenceSession.SessionOptions = { intraOpNumThreads: 1, interOpNumThreads: 1 };

/**
 * Holds the served ONNX model and its card. A failed (re)load keeps whatever model was serving before,
 * so a corrupt file degrades the service instead of breaking it.
 */
/** Requests of at most this many rows may share one model run with others arriving at the same moment. */
const SHARED_RUN_MAX_ROWS = 32;

interface Waiting {
  model: LoadedModel;
  data: Float32Array;
  rows: number;
  resolve: (probabilities: Float64Array) => void;
  reject: (err: unknown) => void;
}

export class ModelRegistry {
  private current: LoadedModel | undefined;
  private waiting: Waiting[] = [];
  private flushScheduled = false;
  private lastStatus: ModelStatus = { state: "missing", error: "no model loaded yet" };

  private watcher: NodeJS.Timeout | undefined;
  private lastSeen = "";

  /** `trainWith`: the command that trains this kind of model, for the "no model" message. */
  constructor(
    private readonly modelDir: string,
    private readonly trainWith = "`npm run ml:train`",
  ) {}

  /**
   * Reloads when the model or card file changes (ml/ publishes a new version by renaming into place), so a
   * new model is served without a restart. Polling, because file watchers are unreliable across renames.
   * Resolves once the files' current state is taken: a change after that is seen.
   */
  watch(intervalMs = 5000, onReload: (status: ModelStatus, error?: Error) => void = () => {}): Promise<void> {
    this.stopWatching();
    const signature = async () => {
      const [m, c] = await Promise.all([
        stat(path.join(this.modelDir, MODEL_FILE)),
        stat(path.join(this.modelDir, CARD_FILE)),
      ]);
      return `${m.mtimeMs}:${m.size}:${c.mtimeMs}:${c.size}`;
    };
    const baseline = signature()
      .then((s) => {
        this.lastSeen = s;
      })
      .catch(() => {});
    this.watcher = setInterval(async () => {
      const now = await signature().catch(() => "");
      if (!now || now === this.lastSeen) return;
      this.lastSeen = now;
      try {
        onReload(await this.load());
      } catch (err) {
        onReload(this.status(), err as Error);
      }
    }, intervalMs);
    this.watcher.unref();
    return baseline;
  }

  stopWatching() {
    if (this.watcher) clearInterval(this.watcher);
    this.watcher = undefined;
  }

  status(): ModelStatus {
    return this.lastStatus;
  }

  card(): ModelCard | undefined {
    return this.current?.card;
  }

  async load(): Promise<ModelStatus> {
    const cardPath = path.join(this.modelDir, CARD_FILE);
    const modelPath = path.join(this.modelDir, MODEL_FILE);
    try {
      const [cardText, modelBytes] = await Promise.all([
        readFile(cardPath, "utf8"),
        readFile(modelPath),
      ]).catch((err: NodeJS.ErrnoException) => {
        if (err.code === "ENOENT") {
          throw Object.assign(new Error(`no model in ${this.modelDir}: train one with ${this.trainWith}`), {
            missing: true,
          });
        }
        throw err;
      });
      let cardJson: unknown;
      try {
        cardJson = JSON.parse(cardText);
      } catch {
        throw new Error(`${cardPath} is not valid JSON`);
      }
      const parsed = modelCardSchema.safeParse(cardJson);
      if (!parsed.success) {
        throw new Error(
          `${cardPath} is not a valid model card: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`,
        );
      }
      let session: ort.InferenceSession;
      let sharedSession: ort.InferenceSession;
      try {
        [session, sharedSession] = await Promise.all([
          ort.InferenceSession.create(modelBytes),
          ort.InferenceSession.create(modelBytes, SINGLE_THREAD),
        ]);
      } catch (err) {
        throw new Error(
          `${modelPath} could not be loaded by onnxruntime (corrupt or not an ONNX model): ${(err as Error).message}`,
        );
      }
      if (
        !session.inputNames.includes(parsed.data.input.name) ||
        !session.outputNames.includes(parsed.data.output.name)
      ) {
        void session.release().catch(() => {});
        void sharedSession.release().catch(() => {});
        throw new Error(
          `${modelPath} does not match its card: expected input "${parsed.data.input.name}" and output "${parsed.data.output.name}", ` +
            `found inputs [${session.inputNames}] and outputs [${session.outputNames}]`,
        );
      }
      const previous = this.current;
      // Requests started on the previous model finish on it; new ones use this one.
      this.current = { card: parsed.data, session, sharedSession, inFlight: 0, retired: false };
      if (previous) {
        previous.retired = true;
        releaseIfIdle(previous);
      }
      this.lastStatus = {
        state: "loaded",
        version: parsed.data.version,
        algorithm: parsed.data.algorithm,
        features: parsed.data.input.features.length,
        featureVersion: parsed.data.input.featureVersion ?? 1,
        loadedAt: new Date().toISOString(),
      };
    } catch (err) {
      const message = (err as Error).message;
      if (this.current && this.lastStatus.state === "loaded") {
        // The model that was serving keeps serving; the status says why the reload failed.
        this.lastStatus = { ...this.lastStatus, reloadError: message };
        throw err;
      }
      this.lastStatus = {
        state: (err as { missing?: boolean }).missing ? "missing" : "error",
        error: message,
      };
    }
    return this.lastStatus;
  }

  /** Probability of default for each row (rows in the card's feature order; NaN marks a missing value). */
  async predict(rows: readonly (readonly number[])[]): Promise<Float64Array> {
    const model = this.current;
    if (!model) {
      throw scoringUnavailable(this.lastStatus);
    }
    const width = model.card.input.features.length;
    const data = new Float32Array(rows.length * width);
    rows.forEach((row, i) => {
      if (row.length !== width) {
        throw new AppError(
          ErrorCode.BAD_USER_INPUT,
          `Row ${i} has ${row.length} features; the model expects ${width}`,
        );
      }
      data.set(row, i * width);
    });
    if (rows.length > SHARED_RUN_MAX_ROWS) return this.run(model, model.session, data, rows.length);
    // Single loans (a /predict call each) that arrive together are scored in one run: onnxruntime's cost
    // per run is paid once for all of them. Nothing waits for a timer: the run happens in this turn of the
    // event loop, with whatever else arrived in it.
    return new Promise<Float64Array>((resolve, reject) => {
      // Counted as in flight from now: a model swapped out meanwhile is not released under these rows.
      model.inFlight++;
      this.waiting.push({ model, data, rows: rows.length, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush() {
    this.flushScheduled = false;
    const waiting = this.waiting;
    this.waiting = [];
    // A hot swap may fall between two requests: each model scores only the rows sent to it.
    for (const model of new Set(waiting.map((w) => w.model))) {
      const group = waiting.filter((w) => w.model === model);
      const rows = group.reduce((n, w) => n + w.rows, 0);
      const width = model.card.input.features.length;
      const data = new Float32Array(rows * width);
      let at = 0;
      for (const w of group) {
        data.set(w.data, at * width);
        at += w.rows;
      }
      this.run(model, model.sharedSession, data, rows)
        .then(
          (probabilities) => {
            let from = 0;
            for (const w of group) {
              w.resolve(probabilities.slice(from, from + w.rows));
              from += w.rows;
            }
          },
          (err) => {
            for (const w of group) w.reject(err);
          },
        )
        .finally(() => {
          model.inFlight -= group.length;
          releaseIfIdle(model);
        });
    }
  }

  private async run(
    model: LoadedModel,
    session: ort.InferenceSession,
    data: Float32Array,
    rows: number,
  ): Promise<Float64Array> {
    const width = model.card.input.features.length;
    const input = new ort.Tensor("float32", data, [rows, width]);
    model.inFlight++;
    let out: ort.InferenceSession.OnnxValueMapType;
    try {
      out = await session.run({ [model.card.input.name]: input }, [model.card.output.name]);
    } finally {
      model.inFlight--;
      releaseIfIdle(model);
    }
    const probs = out[model.card.output.name];
    if (!probs) throw new Error(`Model produced no output "${model.card.output.name}"`);
    const classes = probs.dims[1] ?? 1;
    const values = probs.data as Float32Array;
    const pos = model.card.output.positiveClassIndex;
    return Float64Array.from({ length: rows }, (_, i) => values[i * classes + pos] as number);
  }
}
