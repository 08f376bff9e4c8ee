// Settings the server gives the app at run time: the page carries them as a
// JSON data block (id "ourspace-config", written by the Go binary from
// OURSPACE_MAP_TILE_URL and OURSPACE_MAP_ATTRIBUTION), so one build serves
// every deployment. Build-time VITE_ settings are the fallback.
export interface RuntimeConfig {
  mapTileUrl?: string;
  mapAttribution?: string;
}

export function readConfig(doc: Document = document): RuntimeConfig {
  const text = doc.getElementById("ourspace-config")?.textContent;
  if (!text) return {};
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === "object" ? (v as RuntimeConfig) : {};
  } catch {
    return {};
  }
}

export const OSM_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
const OSM_ATTRIBUTION = "&copy; OpenStreetMap contributors";

/** Leaflet's entity-free text: an operator's credit is text, not markup. */
function escapeHTML(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The map's tiles: the server's setting, else the build's, else
 * OpenStreetMap's. url null: no tiles ("none"); the markers still show.
 */
export function mapTiles(cfg: RuntimeConfig, buildUrl?: string): { url: string | null; attribution: string } {
  const url = cfg.mapTileUrl || buildUrl || OSM_TILE_URL;
  if (url === "none") return { url: null, attribution: "" };
  return { url, attribution: cfg.mapAttribution ? escapeHTML(cfg.mapAttribution) : OSM_ATTRIBUTION };
}
