import { useQuery } from '@tanstack/react-query'
import { trpc } from './trpc.ts'

/** The county's judicial offices, for the bureau admin's pickers. */
export function useOffices(enabled: boolean) {
  return useQuery({ ...trpc.org.offices.queryOptions(), enabled, staleTime: Number.POSITIVE_INFINITY })
}
