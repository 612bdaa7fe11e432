import { signOut } from "@/lib/dal/authentication";
import { endedSessionResponse } from "@/app/auth/ended-session-response";

/** Sign-out is a POST from the header's form; proxy.ts refuses one sent by another site. */
export async function POST() {
  return endedSessionResponse(await signOut());
}
