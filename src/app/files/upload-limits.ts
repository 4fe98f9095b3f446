import type { RouteInfo } from '../../core'
import type { MultipartLimits } from '../../core/http'

/** How many files one upload may carry and how large each may be; set on any layer as `opt.upload`. */
export interface UploadLimits {
  readonly maxFiles: number
  readonly maxFileSize: number
}

/** 5 files of 10 MB each. */
export const DEFAULT_UPLOAD_LIMITS: UploadLimits = { maxFiles: 5, maxFileSize: 10 * 1024 * 1024 }

const positive = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n > 0

/**
 * The limits in force on a route: the nearest layer's `opt.upload` over the defaults.
 * @example router({ opt: { upload: { maxFiles: 2 } }, handlers: [files] })
 */
export function uploadLimitsOf(route: RouteInfo | undefined): MultipartLimits {
  const set = (route?.opt.upload ?? {}) as Partial<Record<keyof UploadLimits, unknown>>
  return {
    maxFiles: positive(set.maxFiles) ? set.maxFiles : DEFAULT_UPLOAD_LIMITS.maxFiles,
    maxFileSize: positive(set.maxFileSize) ? set.maxFileSize : DEFAULT_UPLOAD_LIMITS.maxFileSize,
    // The upload takes no plain fields beyond a few a client may add; each stays small.
    maxFields: 5,
    maxFieldSize: 1024,
  }
}
