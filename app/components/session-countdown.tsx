"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { SessionStatus } from "@/app/api/session/status/route";

type Props = { serverTime: string; idleExpiresAt: string; absoluteExpiresAt: string; idleTimeoutSeconds: number };
type Deadlines = { idle: number; absolute: number };

// Warn two minutes ahead, or halfway through a very short idle timeout.
const MAX_WARNING_SECONDS = 120;
// Cookie lifetimes are whole seconds, so the browser may drop the cookie a little before the deadline.
const CLOCK_TOLERANCE_MILLISECONDS = 2000;

/** Server instants moved onto this browser's clock, which may be set differently. */
function toClientClock(times: { serverTime: string; idleExpiresAt: string; absoluteExpiresAt: string }): Deadlines {
  const offset = Date.now() - Date.parse(times.serverTime);
  return { idle: Date.parse(times.idleExpiresAt) + offset, absolute: Date.parse(times.absoluteExpiresAt) + offset };
}

function formatRemaining(milliseconds: number) {
  const total = Math.max(0, Math.ceil(milliseconds / 1000));
  const [hours, minutes, seconds] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  const pad = (value: number) => String(value).padStart(2, "0");
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${minutes}:${pad(seconds)}`;
}

/**
 * Shows when the session ends, warns before the idle limit with a way to stay signed in, and takes the
 * browser to the sign-in page, with the reason, once the server says the session is over. Looking at the
 * status is not activity; only "Stay signed in" (or using the app) is.
 */
export function SessionCountdown({ idleTimeoutSeconds, ...initial }: Props) {
  const [deadlines, setDeadlines] = useState<Deadlines>(() => toClientClock(initial));
  const [now, setNow] = useState<number | null>(null);
  const checking = useRef(false);
  const warningMilliseconds = Math.min(MAX_WARNING_SECONDS, idleTimeoutSeconds / 2) * 1000;
  const pollMilliseconds = Math.min(30, Math.max(1, idleTimeoutSeconds / 4)) * 1000;

  const checkStatus = useCallback(async () => {
    if (checking.current) return;
    checking.current = true;
    try {
      const response = await fetch("/api/session/status", { cache: "no-store" });
      if (!response.ok) return; // unavailable for now: the next tick asks again
      const status: SessionStatus = await response.json();
      if (status.status === "active") return setDeadlines(toClientClock(status));
      // No session at all: the browser dropped the cookie, which it does at the absolute limit.
      const pastAbsolute = Date.now() >= deadlines.absolute - CLOCK_TOLERANCE_MILLISECONDS;
      const reason = status.status === "ended" ? status.reason : pastAbsolute ? "expired" : "ended";
      // A full page load, not a client navigation: the shared layout still shows who was signed in.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      window.location.assign(`/login?reason=${encodeURIComponent(reason)}`);
    } finally {
      checking.current = false;
    }
  }, [deadlines.absolute]);

  const staySignedIn = useCallback(async () => {
    await fetch("/api/session", { cache: "no-store" }); // a real request: it counts as activity
    await checkStatus();
  }, [checkStatus]);

  useEffect(() => {
    // The first render matches the server's HTML; the browser's clock takes over once hydrated.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setNow(Date.now());
    const tick = setInterval(() => setNow(Date.now()), 1000);
    const poll = setInterval(checkStatus, pollMilliseconds);
    // Coming back to the tab: the session may have ended elsewhere in the meantime.
    const onVisible = () => document.visibilityState === "visible" && void checkStatus();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      clearInterval(tick);
      clearInterval(poll);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [checkStatus, pollMilliseconds]);

  const endsAt = Math.min(deadlines.idle, deadlines.absolute);
  useEffect(() => {
    if (now !== null && now >= endsAt) void checkStatus();
  }, [now, endsAt, checkStatus]);

  if (now === null) return <p className="session-timer">Session active</p>;
  const absoluteFirst = deadlines.absolute <= deadlines.idle;
  const warning = endsAt - now <= warningMilliseconds;
  return (
    <>
      <p className="session-timer">
        Ends in <strong>{formatRemaining(deadlines.idle - now)}</strong> if inactive, at{" "}
        {new Date(deadlines.absolute).toLocaleTimeString()} at the latest
      </p>
      {warning && (
        <div
          role="alertdialog"
          aria-labelledby="session-warning-title"
          aria-describedby="session-warning-text"
          className="session-warning"
        >
          <h2 id="session-warning-title">Your session is about to end</h2>
          {absoluteFirst ? (
            <p id="session-warning-text">
              Your session reaches its maximum lifetime in {formatRemaining(endsAt - now)}. That limit cannot be
              extended: save your work, then sign in again.
            </p>
          ) : (
            <>
              <p id="session-warning-text">
                You will be signed out in {formatRemaining(endsAt - now)} because you have been inactive.
              </p>
              <button type="button" onClick={staySignedIn}>
                Stay signed in
              </button>
            </>
          )}
        </div>
      )}
    </>
  );
}
