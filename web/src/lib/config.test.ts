import { describe, expect, it } from "vitest";
import { mapTiles, OSM_TILE_URL, readConfig } from "./config";

function page(block?: string): Document {
  const doc = document.implementation.createHTMLDocument("t");
  if (block !== undefined) {
    const s = doc.createElement("script");
    s.id = "ourspace-config";
    s.type = "application/json";
    s.textContent = block;
    doc.head.append(s);
  }
  return doc;
}

describe("run-time config", () => {
  it("reads the server's block, and nothing from a missing or broken one", () => {
    expect(readConfig(page('{"mapTileUrl":"https://t.example/{z}/{x}/{y}.png","mapAttribution":"© 예시"}'))).toEqual({
      mapTileUrl: "https://t.example/{z}/{x}/{y}.png",
      mapAttribution: "© 예시",
    });
    expect(readConfig(page())).toEqual({});
    expect(readConfig(page("{not json"))).toEqual({});
  });

  it("takes the server's tiles over the build's, the build's over OpenStreetMap's, and none as none", () => {
    expect(mapTiles({})).toEqual({ url: OSM_TILE_URL, attribution: "&copy; OpenStreetMap contributors" });
    expect(mapTiles({}, "https://build.example/{z}/{x}/{y}.png").url).toBe("https://build.example/{z}/{x}/{y}.png");
    expect(mapTiles({ mapTileUrl: "https://run.example/{z}/{x}/{y}.png", mapAttribution: "<b>우리</b> & 지도" }, "https://build.example/{z}/{x}/{y}.png")).toEqual({
      url: "https://run.example/{z}/{x}/{y}.png",
      attribution: "&#60;b&#62;우리&#60;/b&#62; &#38; 지도",
    });
    expect(mapTiles({ mapTileUrl: "none" }, "https://build.example/{z}/{x}/{y}.png").url).toBeNull();
  });
});
