// A Leaflet map of search results. Markers are vector circles (SVG), not
// image icons, and need nothing from the tile server: when tiles cannot
// load (offline, blocked, or turned off), the markers still show on a plain
// background. Each marker is a button of its own in the tab order: Tab
// reaches it (its tooltip opens), Enter or Space opens the space.
import { useEffect, useRef } from "react";
import L from "leaflet";
import type { SpaceSummary } from "@ourspace/client";
import { formatWon } from "../lib/format";
import { mapTiles, readConfig } from "../lib/config";

/** The tiles: OURSPACE_MAP_TILE_URL from the server, else VITE_MAP_TILE_URL at build time, else OpenStreetMap. */
const TILES = mapTiles(readConfig(), import.meta.env.VITE_MAP_TILE_URL as string | undefined);
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
    const m = L.map(el.current, { center: SEOUL, zoom: 11, scrollWheelZoom: false, zoomAnimation: false, fadeAnimation: false, markerZoomAnimation: false, zoomControl: false });
    L.control.zoom({ zoomInTitle: "지도 확대", zoomOutTitle: "지도 축소" }).addTo(m);
    if (TILES.url) L.tileLayer(TILES.url, { attribution: TILES.attribution, maxZoom: 19 }).addTo(m);
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
      const label = `${s.title} · ${formatWon(s.lowest_price)}`;
      const marker = L.circleMarker(p, { radius: 8, color: "#fff", weight: 2, fillColor: "#6d3bd8", fillOpacity: 0.95, className: "space-marker" })
        .bindTooltip(label)
        .on("click", () => openCb.current(s.id))
        .addTo(group);
      const el = marker.getElement() as SVGElement | undefined;
      if (el) {
        el.setAttribute("tabindex", "0");
        el.setAttribute("role", "button");
        el.setAttribute("aria-label", `${label} 열기`);
        el.setAttribute("data-space", String(s.id));
        el.addEventListener("focus", () => marker.openTooltip());
        el.addEventListener("blur", () => marker.closeTooltip());
        el.addEventListener("keydown", (e: KeyboardEvent) => {
          if (e.key === "Enter" || e.key === " ") {
            e.preventDefault(); // Space would scroll; neither may reach the map's own keys
            e.stopPropagation();
            openCb.current(s.id);
          }
        });
      }
    }
    if (points.length) m.fitBounds(points, { padding: [24, 24], maxZoom: 15, animate: false });
  }, [spaces]);

  return <div ref={el} className="map" role="region" aria-label={`검색 결과 지도, 공간 ${spaces.length}곳`} data-markers={spaces.length} />;
}
