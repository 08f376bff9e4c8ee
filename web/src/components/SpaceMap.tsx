// A Leaflet map of search results. Markers are vector circles (SVG), not
// image icons, and need nothing from the tile server: when tiles cannot
// load (offline, blocked), the markers still show on a plain background.
import { useEffect, useRef } from "react";
import L from "leaflet";
import type { SpaceSummary } from "@ourspace/client";
import { formatWon } from "../lib/format";

/** Tile URL template, configurable at build time (VITE_MAP_TILE_URL). */
export const TILE_URL =
  (import.meta.env.VITE_MAP_TILE_URL as string | undefined) || "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
const SEOUL: L.LatLngTuple = [37.5665, 126.978];

export interface Bounds {
  south: number;
  west: number;
  north: number;
  east: number;
}

export function SpaceMap({
  spaces,
  onOpen,
  onBoundsChange,
}: {
  spaces: SpaceSummary[];
  onOpen: (id: number) => void;
  onBoundsChange?: (b: Bounds) => void;
}) {
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);
  const boundsCb = useRef(onBoundsChange);
  boundsCb.current = onBoundsChange;
  const openCb = useRef(onOpen);
  openCb.current = onOpen;

  useEffect(() => {
    if (!el.current) return;
    // No animations: a zoom or fade still running when the page leaves the
    // map throws in Leaflet (reading _leaflet_pos of a removed pane).
    const m = L.map(el.current, { center: SEOUL, zoom: 11, scrollWheelZoom: false, zoomAnimation: false, fadeAnimation: false, markerZoomAnimation: false });
    L.tileLayer(TILE_URL, { attribution: "&copy; OpenStreetMap contributors", maxZoom: 19 }).addTo(m);
    layer.current = L.layerGroup().addTo(m);
    const report = () => {
      const b = m.getBounds();
      boundsCb.current?.({ south: b.getSouth(), west: b.getWest(), north: b.getNorth(), east: b.getEast() });
    };
    m.on("moveend", report);
    map.current = m;
    return () => {
      m.off();
      m.stop();
      m.remove();
      map.current = null;
    };
  }, []);

  useEffect(() => {
    const m = map.current;
    const group = layer.current;
    if (!m || !group) return;
    group.clearLayers();
    const points: L.LatLngTuple[] = [];
    for (const s of spaces) {
      const p: L.LatLngTuple = [s.lat, s.lng];
      points.push(p);
      L.circleMarker(p, { radius: 8, color: "#fff", weight: 2, fillColor: "#6d3bd8", fillOpacity: 0.95, className: "space-marker" })
        .bindTooltip(`${s.title} · ${formatWon(s.lowest_price)}`)
        .on("click", () => openCb.current(s.id))
        .addTo(group);
    }
    if (points.length) m.fitBounds(points, { padding: [24, 24], maxZoom: 15, animate: false });
  }, [spaces]);

  return <div ref={el} className="map" role="region" aria-label={`검색 결과 지도, 공간 ${spaces.length}곳`} data-markers={spaces.length} />;
}
