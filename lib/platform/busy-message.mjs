// What a sign-in or sign-up hears when too many password checks are already waiting. Plain JavaScript because
// server.mjs sends it too, before Next.js sees the request; lib/sign-in/throttle-message.ts gives it to the app.
export const SERVER_BUSY_MESSAGE = "Too many people are signing in right now. Please try again in a few seconds.";
