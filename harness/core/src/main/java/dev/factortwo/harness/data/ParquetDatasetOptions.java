package dev.factortwo.harness.data;

import dev.factortwo.model.UserError;
import java.io.Serializable;

/**
 * How to read a user's own Parquet data set ({@code --dataset parquet:URI}): which column holds the images, which the
 * labels, the images' shape and, optionally, the number of classes. Immutable.
 *
 * <pre>{@code
 * ParquetDatasetOptions o = ParquetDatasetOptions.parse("pixels", "digit", "28x28x1", 10);
 * }</pre>
 *
 * @param imageColumn the column of images: binary ({@code height * width * channels} unsigned bytes, row-major HWC) or
 *                    an array of whole numbers 0 to 255 (tinyint, smallint, int, bigint, float or double), as many
 * @param labelColumn the column of labels: integers (tinyint, smallint, int or bigint), {@code 0 .. classes-1}
 * @param height      image height in pixels, at least 1
 * @param width       image width in pixels, at least 1
 * @param channels    channels per pixel, at least 1
 * @param classes     the number of classes, 1 to 256; 0 means the largest label plus one
 */
public record ParquetDatasetOptions(String imageColumn, String labelColumn, int height, int width, int channels, int classes)
        implements Serializable {

    /** The image column when {@code --image-column} is not given: the one the harness's own Parquet staging writes. */
    public static final String DEFAULT_IMAGE_COLUMN = "image";
    /** The label column when {@code --label-column} is not given: the one the harness's own Parquet staging writes. */
    public static final String DEFAULT_LABEL_COLUMN = "label";

    public ParquetDatasetOptions {
        if (imageColumn == null || imageColumn.isBlank()) throw new UserError("--image-column must name a column");
        if (labelColumn == null || labelColumn.isBlank()) throw new UserError("--label-column must name a column");
        if (imageColumn.equals(labelColumn)) {
            throw new UserError("--image-column and --label-column both name '" + imageColumn + "'; expected two columns");
        }
        if (height < 1 || width < 1 || channels < 1) {
            throw new UserError("--image-shape " + shape(height, width, channels) + ": each size must be at least 1");
        }
        if ((long) height * width * channels > Integer.MAX_VALUE - 8) {
            throw new UserError("--image-shape " + shape(height, width, channels) + ": larger than 2^31 bytes an image");
        }
        if (classes < 0 || classes > 256) throw new UserError("--classes " + classes + ": expected 1 to 256 (labels are one byte)");
    }

    /**
     * The options the flags give.
     *
     * @param shape   {@code HxWxC}, e.g. {@code 28x28x1}
     * @param classes the number of classes, or 0 for the largest label plus one
     * @throws UserError naming the flag, for a malformed shape or a count out of range
     */
    public static ParquetDatasetOptions parse(String imageColumn, String labelColumn, String shape, int classes) {
        if (shape == null) throw new UserError("--dataset parquet:URI needs --image-shape HxWxC (e.g. 28x28x1): the images' height, width and channels");
        String[] p = shape.toLowerCase(java.util.Locale.ROOT).split("x");
        if (p.length != 3) throw new UserError("--image-shape " + shape + ": expected HxWxC, e.g. 28x28x1 or 32x32x3");
        try {
            return new ParquetDatasetOptions(imageColumn, labelColumn, Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()),
                    Integer.parseInt(p[2].trim()), classes);
        } catch (NumberFormatException e) {
            throw new UserError("--image-shape " + shape + ": expected HxWxC with whole numbers, e.g. 28x28x1");
        }
    }

    /** Bytes in one image: {@code height * width * channels}. */
    public int imageBytes() {
        return height * width * channels;
    }

    /** The shape as the flag gives it, {@code HxWxC}. */
    public String shape() {
        return shape(height, width, channels);
    }

    private static String shape(int h, int w, int c) {
        return h + "x" + w + "x" + c;
    }
}
