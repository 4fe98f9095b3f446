/** One hostile request of an operation, and what it must get. */
export interface Case {
  label: string
  /** The field a 400 must name. */
  field?: string
  url: string
  init: RequestInit
  /** The exact status a refusal must have, when any 4xx would not do. */
  status?: number
  /**
   * Without it, the request must be refused: a documented 4xx problem. With it, the request must be answered
   * exactly like this reference request (same status; same listed problems when refused): hostile spellings
   * that are equivalent to valid ones, and noise a handler must ignore.
   */
  like?: { url: string; init: RequestInit }
  /** A valid request (noise on a GET): it may fill the response cache, and nothing else. */
  valid?: true
}
