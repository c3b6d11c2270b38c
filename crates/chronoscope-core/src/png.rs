//! The timeline as a PNG picture, for reports and slides (File > Export …
//! as PNG…, `chronoscope render -o out.png`): the drawing of [`crate::svg`],
//! rasterized by resvg. egui's Ubuntu font is bundled, so the text looks
//! the same on every machine and in the window; the system's fonts are
//! added for the scripts it lacks (CJK, Arabic…).

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

/// Pixels per point of the drawing: sharp on high-density screens and in
/// print.
pub const SCALE: f32 = 2.0;

/// The most pixels a picture may have (a 16k × 12k picture): past that, an
/// SVG drawing suits better.
const MAX_PIXELS: u64 = 200_000_000;

/// Why a picture could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PngError {
    #[error("the drawing could not be read: {0}")]
    Svg(String),
    #[error(
        "a picture of {width} × {height} pixels is too large; export a narrower window of time, fewer lanes, or SVG"
    )]
    TooLarge { width: u32, height: u32 },
    #[error("the picture could not be encoded as PNG: {0}")]
    Encode(String),
}

/// The fonts text is drawn with: the bundled Ubuntu first, then the system's.
fn fonts() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    Arc::clone(FONTS.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(epaint_default_fonts::UBUNTU_LIGHT.to_vec());
        db.load_system_fonts();
        db.set_sans_serif_family("Ubuntu");
        Arc::new(db)
    }))
}

/// `svg` drawn at `scale` pixels per point, as PNG bytes.
///
/// # Errors
/// When the drawing cannot be read, is too large, or cannot be encoded.
pub fn from_svg(svg: &str, scale: f32) -> Result<Vec<u8>, PngError> {
    let options = usvg::Options {
        fontdb: fonts(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| PngError::Svg(e.to_string()))?;
    let size = tree.size();
    let (width, height) = (
        (size.width() * scale).ceil().max(1.0) as u32,
        (size.height() * scale).ceil().max(1.0) as u32,
    );
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(PngError::TooLarge { width, height });
    }
    let mut pixmap =
        tiny_skia::Pixmap::new(width, height).ok_or(PngError::TooLarge { width, height })?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| PngError::Encode(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(png: &[u8]) -> image::RgbaImage {
        image::load_from_memory_with_format(png, image::ImageFormat::Png)
            .unwrap()
            .to_rgba8()
    }

    #[test]
    fn the_example_timeline_becomes_a_picture_twice_its_size_with_text_drawn() {
        let doc = crate::example::load().unwrap();
        let (t0, t1) = doc.time_range().unwrap();
        let (t0, t1) = crate::svg::with_margin(t0, t1);
        let svg = crate::svg::render(&doc, t0, t1, 900.0, &[]);
        let picture = decode(&from_svg(&svg, SCALE).unwrap());
        assert_eq!(picture.width(), 1800);
        assert!(picture.height() > 200);
        // The background is white, and something dark (text, the ruler's
        // labels) is drawn on it.
        assert_eq!(picture.get_pixel(2, 2).0, [255, 255, 255, 255]);
        let dark = picture
            .pixels()
            .filter(|p| p.0[0] < 100 && p.0[1] < 100 && p.0[2] < 100)
            .count();
        assert!(dark > 1000, "{dark} dark pixels");
    }

    #[test]
    fn text_is_drawn_with_the_bundled_font() {
        // Only text: without a font, nothing would be drawn at all.
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40" font-family="Ubuntu"><rect width="100%" height="100%" fill="#fff"/><text x="4" y="28" font-size="24" fill="#000">Donetsk</text></svg>"##;
        let picture = decode(&from_svg(svg, 1.0).unwrap());
        let ink = picture.pixels().filter(|p| p.0[0] < 128).count();
        assert!(ink > 150, "{ink} inked pixels");
    }

    #[test]
    fn broken_and_huge_drawings_are_errors_not_panics() {
        assert!(matches!(from_svg("<svg", 1.0), Err(PngError::Svg(_))));
        let huge =
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="100000"></svg>"#;
        assert!(matches!(
            from_svg(huge, 1.0),
            Err(PngError::TooLarge { .. })
        ));
    }
}
