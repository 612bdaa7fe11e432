export function GET() {
  return Response.json({ hello: "world" }, { headers: { "Cache-Control": "no-store" } });
}
