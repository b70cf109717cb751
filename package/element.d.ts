// Types of `roster-check/element`: importing it registers <roster-check>.
import type { ErrorCode, ExportFormat, FileKind, Summary, UpgradePath } from "./roster_check.js";

/** `export`: a file the element handed to the browser to save. */
export interface RosterCheckExportDetail {
  kind: "roster" | "report";
  format: ExportFormat;
}

/** `check-error`: a file could not be read or the check refused it (the element shows why). */
export interface RosterCheckErrorDetail {
  /** The engine's English sentence (its prefix names the file). */
  message: string;
  file: FileKind | null;
  code: ErrorCode | "worker-failed" | null;
}

export interface RosterCheckEventMap {
  /**
   * A check finished: the report's summary (counts, errors, `importable`, and `verdict` with
   * `confirm`). Show `verdict`, not `importable`: `"confirm"` means no error, but `confirm`
   * findings (a guessed column or sheet, a doubtful match) wait for the admin's word.
   */
  result: CustomEvent<Summary>;
  export: CustomEvent<RosterCheckExportDetail>;
  "check-error": CustomEvent<RosterCheckErrorDetail>;
}

/** The element: attributes `lang` ("zh" | "zh-TW" | "en"), `path` ("bind" | "new"), `sample`, `sample-base`. */
export class RosterCheck extends HTMLElement {
  /** Opens the built-in sample company (or the files of `sample-base`) and checks it. */
  loadSample(): Promise<void>;
  /** Checks the chosen files again (after the options changed). */
  runCheck(): Promise<void>;
  addEventListener<K extends keyof RosterCheckEventMap>(type: K, listener: (this: RosterCheck, ev: RosterCheckEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof RosterCheckEventMap>(type: K, listener: (this: RosterCheck, ev: RosterCheckEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

/** The upgrade path an element starts on, as its `path` attribute takes it. */
export type RosterCheckPath = UpgradePath;

declare global {
  interface HTMLElementTagNameMap {
    "roster-check": RosterCheck;
  }
}
