-- name: ListDistricts :many
SELECT id, name, lat, lng, icon_url FROM districts ORDER BY name, id;

-- name: ListCategories :many
SELECT id, name, icon_url FROM categories ORDER BY position, id;

-- name: ListFacilities :many
SELECT id, name, icon_url FROM facilities ORDER BY position, id;
