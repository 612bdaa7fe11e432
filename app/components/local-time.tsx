"use client";

import { useSyncExternalStore } from "react";

const neverChanges = () => () => {};

// Browsers refuse a time zone name beside dateStyle/timeStyle, so the fields are spelled out.
const LOCAL_FORMAT: Intl.DateTimeFormatOptions = {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  timeZoneName: "short",
};

/**
 * A timestamp in the visitor's own time zone and language. The server cannot know the zone, so its HTML
 * says UTC; the browser switches to local time as soon as the page is hydrated. The exact instant is in
 * the markup either way.
 */
export function LocalTime({ value }: { value: Date | string }) {
  // A Date handed from a server component may arrive as its ISO string.
  const instant = new Date(value);
  const inBrowser = useSyncExternalStore(
    neverChanges,
    () => true,
    () => false,
  );
  const text = inBrowser ? instant.toLocaleString(undefined, LOCAL_FORMAT) : instant.toUTCString();
  return <time dateTime={instant.toISOString()}>{text}</time>;
}
