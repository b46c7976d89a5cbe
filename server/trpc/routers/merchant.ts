// The merchant profile API: become a merchant, read and edit the profile. Thin: zod input → one service call.
// Edit when a profile procedure is added.
import { createMerchantProfile } from '@/server/merchants/create-merchant-profile';
import { getMerchantProfile } from '@/server/merchants/get-merchant-profile';
import { merchantProfileInputSchema, merchantProfilePatchSchema } from '@/server/merchants/merchant-input';
import { updateMerchantProfile } from '@/server/merchants/update-merchant-profile';
import { authedProcedure, merchantProcedure, router } from '@/server/trpc/init';

export const merchantRouter = router({
  profile: authedProcedure.query(({ ctx }) => getMerchantProfile(ctx.deps, ctx.user.id)),
  createProfile: authedProcedure
    .input(merchantProfileInputSchema)
    .mutation(({ ctx, input }) => createMerchantProfile(ctx.deps, ctx.user, input)),
  updateProfile: merchantProcedure
    .input(merchantProfilePatchSchema)
    .mutation(({ ctx, input }) => updateMerchantProfile(ctx.deps, ctx.merchantId, input)),
});
