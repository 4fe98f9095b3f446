import { FeedObject } from '../../core/workers'

/** The POST_FEED Durable Object: the posts topic's subscribers (one object per topic, addressed by name). */
export class PostFeed extends FeedObject {}
