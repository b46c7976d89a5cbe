// The rooms API (server/rooms/types.ts has the contract): members and the shop's staff talk in a group's
// room or a community. Thin: zod input → one service call. Edit when a room procedure is added.
import { router } from '@/server/trpc/init';

export const roomsRouter = router({
  // procedures are added here, one line each (see server/rooms/types.ts)
});
