import type { JSX } from 'preact';

/** Simple line pictures for the kiosk, drawn for it; decorative (the text beside them says it all). */
const PATHS: Record<string, JSX.Element> = {
  digid: (
    <>
      <rect x="5" y="10" width="14" height="10" rx="2" />
      <path d="M8 10V7a4 4 0 0 1 8 0v3" />
      <circle cx="12" cy="15" r="1.5" />
    </>
  ),
  taxes: (
    <>
      <path d="M6 3h9l4 4v14H6z" />
      <path d="M15 3v4h4" />
      <path d="M14.5 12.5a3 3 0 1 0 0 4M9.5 13.5h4M9.5 15.5h4" />
    </>
  ),
  computer: (
    <>
      <rect x="2.5" y="4" width="14" height="10" rx="1" />
      <path d="M6 18h7M9.5 14v4" />
      <rect x="17.5" y="9" width="4.5" height="10" rx="1" />
      <path d="M19.2 17h1" />
    </>
  ),
  dutch: (
    <>
      <path d="M3 5h11v7H8l-3 3v-3H3z" />
      <path d="M10 14v2h6l3 3v-3h2V9h-4" />
    </>
  ),
  basic_skills: (
    <>
      <path d="M4 19V6a2 2 0 0 1 2-2h12v13H6a2 2 0 0 0-2 2 2 2 0 0 0 2 2h12" />
      <path d="M8 8h6M8 11h4" />
    </>
  ),
  health: (
    <>
      <path d="M12 20s-7-4.4-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.6-7 10-7 10z" />
      <path d="M12 9v6M9 12h6" />
    </>
  ),
  money: (
    <>
      <ellipse cx="9" cy="7" rx="6" ry="2.5" />
      <path d="M3 7v4c0 1.4 2.7 2.5 6 2.5M3 11v4c0 1.4 2.7 2.5 6 2.5" />
      <circle cx="16.5" cy="15" r="5" />
      <path d="M18.2 13a2.2 2.2 0 1 0 0 4M14.5 14.5h2.5M14.5 15.8h2.5" />
    </>
  ),
  work: (
    <>
      <rect x="3" y="7" width="18" height="13" rx="2" />
      <path d="M9 7V5a1 1 0 0 1 1-1h4a1 1 0 0 1 1 1v2M3 12h18M11 12v2h2v-2" />
    </>
  ),
  other: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6V14" />
      <path d="M12 17.2v.1" />
    </>
  ),
  search: (
    <>
      <circle cx="10.5" cy="10.5" r="6" />
      <path d="M15 15l5.5 5.5" />
    </>
  ),
  speaker: (
    <>
      <path d="M4 9h4l5-4v14l-5-4H4z" />
      <path d="M16.5 8.5a5 5 0 0 1 0 7M19 6a8.5 8.5 0 0 1 0 12" />
    </>
  ),
  stop: <rect x="6" y="6" width="12" height="12" rx="1.5" />,
  contrast: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 3v18a9 9 0 0 0 0-18z" fill="currentColor" />
    </>
  ),
  home: (
    <>
      <path d="M3 11l9-7 9 7" />
      <path d="M5.5 9.5V20h13V9.5M10 20v-5h4v5" />
    </>
  ),
  back: <path d="M15 5l-7 7 7 7" />,
  volunteer: (
    <>
      <circle cx="12" cy="6.5" r="3" />
      <path d="M6 21v-4a6 6 0 0 1 12 0v4" />
      <path d="M19.5 3.5v5M17 6h5" />
    </>
  ),
  check: <path d="M5 12.5l4.5 4.5L19 7.5" />,
  clock: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M12 7v5l3 2" />
    </>
  ),
  place: (
    <>
      <path d="M12 21s-6.5-6.2-6.5-11a6.5 6.5 0 0 1 13 0c0 4.8-6.5 11-6.5 11z" />
      <circle cx="12" cy="10" r="2.3" />
    </>
  ),
  euro: (
    <>
      <path d="M17 6.5A6.5 6.5 0 1 0 17 17.5" />
      <path d="M5 10.5h8M5 13.5h8" />
    </>
  ),
  bag: (
    <>
      <path d="M5 8h14l-1 12H6z" />
      <path d="M9 8V6a3 3 0 0 1 6 0v2" />
    </>
  ),
  pen: (
    <>
      <path d="M4 20l1-4L16 5l3 3L8 19z" />
      <path d="M14 7l3 3" />
    </>
  ),
  mobile: (
    <>
      <rect x="7" y="2.5" width="10" height="19" rx="2" />
      <path d="M10.5 18.5h3" />
    </>
  ),
  lock: (
    <>
      <rect x="5" y="11" width="14" height="9" rx="2" />
      <path d="M8 11V8a4 4 0 0 1 8 0v3" />
    </>
  ),
};

export function Icon({ name, size = 32 }: { name: string; size?: number }) {
  return (
    <svg
      class="kiosk-icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="1.8"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {PATHS[name] ?? PATHS.other}
    </svg>
  );
}
