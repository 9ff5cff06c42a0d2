import { login, logout, me } from '../services/auth.ts'
import { publicProcedure, router } from '../trpc/init.ts'
import { empty, object, secret, text } from '../trpc/validate.ts'
import { accountProcedures } from './accounts.ts'

const LoginInput = object({ username: text('用户名', 1, 64), password: secret('密码', 128) })

export const authRouter = router({
  login: publicProcedure
    .input(LoginInput)
    .mutation(({ ctx, input }) => login(ctx, input.username, input.password)),
  logout: publicProcedure.input(empty).mutation(({ ctx }) => logout(ctx)),
  me: publicProcedure.query(({ ctx }) => me(ctx)),
  ...accountProcedures,
})
