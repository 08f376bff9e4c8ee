package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/ourspace/ourspace/adapters/s3local"
	"github.com/ourspace/ourspace/adapters/s3store"
	"github.com/ourspace/ourspace/app/ports"
)

// mediaStore is the object store photos live in: the configured S3 bucket,
// or, without S3 settings and only in development, an embedded S3-compatible
// server on loopback keeping its objects under the data directory. Either
// way the bucket is created when missing, so a store that cannot be reached
// stops the start-up instead of the first upload.
func mediaStore(ctx context.Context, cfg config, log *slog.Logger) (*s3store.Store, func(), error) {
	s3cfg := s3store.Config{Endpoint: cfg.S3Endpoint, Region: cfg.S3Region, Bucket: cfg.S3Bucket,
		AccessKeyID: cfg.S3AccessKeyID, SecretAccessKey: cfg.S3SecretAccessKey, PathStyle: cfg.S3PathStyle}
	closeAll := func() {}
	if cfg.S3Endpoint == "" && cfg.S3AccessKeyID == "" {
		if cfg.Env == "production" {
			return nil, nil, errors.New("OURSPACE_S3_ENDPOINT or OURSPACE_S3_ACCESS_KEY_ID is required in production; the embedded object store is refused")
		}
		dir := cfg.DataDir
		if dir == "" {
			base, err := os.UserCacheDir()
			if err != nil {
				return nil, nil, fmt.Errorf("OURSPACE_DATA_DIR is not set and there is no user cache directory: %w", err)
			}
			dir = filepath.Join(base, "ourspace", cfg.DatabaseName)
		}
		srv, err := s3local.Start(dir, "127.0.0.1:0")
		if err != nil {
			return nil, nil, err
		}
		closeAll = func() { _ = srv.Close() }
		s3cfg.Endpoint, s3cfg.PathStyle = srv.Endpoint(), true
		log.Warn("EMBEDDED OBJECT STORE: S3 is not configured (OURSPACE_S3_ENDPOINT); photos are kept by a local S3-compatible server",
			"dir", dir, "endpoint", srv.Endpoint())
	}
	store, err := s3store.New(s3cfg)
	if err == nil {
		err = store.EnsureBucket(ctx)
	}
	if err != nil {
		closeAll()
		return nil, nil, fmt.Errorf("object store: %w", err)
	}
	return store, closeAll, nil
}

// mediaURLs is where browsers load photos from: presigned GETs of a private
// bucket, or a public base URL (a CDN, a public bucket, or this server's
// /media/, which reads the store).
func mediaURLs(cfg config, store *s3store.Store) ports.MediaURLs {
	if cfg.MediaPresign {
		return store
	}
	return ports.PrefixURLs{Base: cfg.MediaBaseURL}
}
