import { startDeviceLink } from "@/lib/server/dal/program-tokens";

/** A program asks to be linked: it gets a code to show its user and a device code to poll with. */
export async function POST(request: Request) {
  return startDeviceLink(request);
}
