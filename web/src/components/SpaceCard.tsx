import { Link } from "react-router";
import type { SpaceSummary } from "@ourspace/client";
import { formatWon } from "../lib/format";

export function priceLabel(s: Pick<SpaceSummary, "lowest_price" | "lowest_price_unit">): string {
  return s.lowest_price_unit === "hourly" ? `${formatWon(s.lowest_price)} / 시간` : `${formatWon(s.lowest_price)}부터 (패키지)`;
}

export function SpaceCard({ space, dimmed = false }: { space: SpaceSummary; dimmed?: boolean }) {
  const photo = space.photos[0];
  return (
    <article className={`card${dimmed ? " dimmed" : ""}`}>
      <Link to={`/spaces/${space.id}`} className="card-link">
        {photo ? (
          <img src={photo.thumbnail_url} alt="" loading="lazy" className="card-photo" />
        ) : (
          <div className="card-photo placeholder" aria-hidden="true" />
        )}
        <div className="card-body">
          <h3 className="card-title">{space.title}</h3>
          <p className="card-meta">
            {space.district.name} · {space.category.name} · 최대 {space.capacity.max}인
          </p>
          <p className="card-price">{priceLabel(space)}</p>
          <p className="card-stats">
            {space.rating && space.rating.count > 0 ? (
              <span aria-label={`평점 ${space.rating.average.toFixed(1)}점, 리뷰 ${space.rating.count}개`}>
                ★ {space.rating.average.toFixed(1)} ({space.rating.count})
              </span>
            ) : (
              <span>리뷰 없음</span>
            )}{" "}
            <span aria-label={`찜 ${space.like_count}개`}>♥ {space.like_count}</span>
          </p>
        </div>
      </Link>
    </article>
  );
}
