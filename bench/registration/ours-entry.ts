import { buildOurs } from '../scaling/ours'

/** This project's scaled app builder, bundled on its own so importing it measures the core's evaluation. */
export default buildOurs
