import { RoomLedger as Ledger } from '../../core/workers'

/** The ROOM_LEDGER Durable Object: one user's or one address's open sockets across every chat room. */
export class RoomLedger extends Ledger {}
