import { headers } from "next/headers";
import { auth } from "@/lib/auth";

export default async function Home() {
  const session = await auth.api.getSession({ headers: await headers() });
  return (
    <main>
      <h1>A plain page</h1>
      <p>{session ? `Signed in as ${session.user.email}.` : "Not signed in."}</p>
    </main>
  );
}
